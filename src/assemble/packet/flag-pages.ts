import type { PDFPage } from 'pdf-lib';
import type { Flag } from '../../../schemas/flag.js';
import { joined } from './field-text.js';
import { openFlags, type PacketContext } from './packet-context.js';
import { AMBER, GREEN, INK, MUTED, RED, type PageFlow } from './page-flow.js';
import { drawVectorCrop } from './vector-page-crops.js';

const SEVERITY_ORDER = { blocking: 0, warning: 1, info: 2 } as const;
const SEVERITY_COLOR = { blocking: RED, warning: AMBER, info: MUTED } as const;
/** Crops are shown at up to this many packet points per page point: small print becomes readable. */
const CROP_ZOOM = 1.3;
const CROP_MAX_HEIGHT = 170;
/** Crops and the facts above them start right of the labels column. */
const INDENT = 80;

/**
 * Every flag, open ones first (blocking, then warnings, then notes), each with what is wrong, where it
 * is (file, page, the box's printed label), what a reviewer did about it, and the page around its box
 * with the box outlined in red.
 */
export async function drawFlags(flow: PageFlow, ctx: PacketContext): Promise<void> {
  flow.newPage();
  flow.heading('Flags');
  const { report } = ctx;
  if (!report.flags.length) {
    flow.text('No flags: every value checked is present and valid.');
    return;
  }
  const open = openFlags(report).length;
  flow.text(`${report.flags.length} flag${report.flags.length === 1 ? '' : 's'}, ${open} open, ${report.flags.length - open} resolved by a reviewer.`, { color: MUTED });
  flow.space(6);
  const sorted = [...report.flags].sort((a, b) => Number(Boolean(a.resolution)) - Number(Boolean(b.resolution)) || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.when.localeCompare(b.when));
  for (const flag of sorted) await drawFlag(flow, ctx, flag);
}

async function drawFlag(flow: PageFlow, ctx: PacketContext, flag: Flag): Promise<void> {
  const crop = ctx.crops.get(flag.id);
  const scale = crop ? Math.min((CROP_ZOOM * 72) / crop.dpi, (flow.width - INDENT) / crop.width, CROP_MAX_HEIGHT / crop.height) : 0;
  // Keep the flag's title with its facts and its picture.
  flow.ensure(60 + (crop ? crop.height * scale : 0));
  const tag = `${flag.severity.toUpperCase()} - needed to ${flag.when} - ${flag.code}`;
  flow.text(tag, { size: 8, font: flow.fonts.bold, color: flag.resolution ? GREEN : SEVERITY_COLOR[flag.severity] });
  flow.text(flag.message, { size: 10.5, font: flow.fonts.bold, color: INK });
  const s = flag.source;
  const file = s?.fileName ?? (s?.document ? ctx.fileNames.get(s.document) : undefined);
  const where = s
    ? joined([file ?? (s.form ? `ACORD ${s.form} (not in the submission)` : ''), s.page ? `page ${s.page}` : '', s.label ? `box "${s.label}"` : s.field ? `field ${s.field}` : ''])
    : '';
  const r = flag.resolution;
  const rows: [string, string][] = [
    ['Value', flag.value ?? ''],
    ['Source', where || 'no place on a page (ACORD XML, or a form not sent)'],
    ['Model path', flag.path],
    ['Resolution', r ? joined([`${r.action} by ${r.by} on ${r.at.slice(0, 10)}`, r.value ? `value now "${r.value}"` : '', r.note ?? ''], '; ') : ''],
  ];
  flow.fields(rows.filter(([, v]) => v), INDENT, 9);
  if (crop) {
    flow.space(3);
    const width = crop.width * scale;
    const height = crop.height * scale;
    let at: { page: PDFPage; x: number; y: number };
    if (crop.kind === 'raster') at = flow.image(await flow.doc.embedPng(crop.png), width, height, INDENT);
    else {
      flow.ensure(height);
      flow.space(height);
      at = { page: flow.page, x: flow.left + INDENT, y: flow.y };
      drawVectorCrop(at.page, crop, at.x, at.y, scale);
    }
    const [bx, by, bw, bh] = crop.box.map((v) => v * scale) as [number, number, number, number];
    at.page.drawRectangle({ x: at.x, y: at.y, width, height, borderColor: MUTED, borderWidth: 0.5 });
    at.page.drawRectangle({ x: at.x + bx - 1.5, y: at.y + height - by - bh - 1.5, width: bw + 3, height: bh + 3, borderColor: RED, borderWidth: 1.5 });
  }
  flow.space(14);
}
