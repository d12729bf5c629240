import type { Rect } from '../../schemas/field.js';
import type { PageImage } from '../review/page-image-source.js';
import { confidenceClass, percent } from './confidence-class.js';
import { html, type Html } from './html-page.js';
import type { PageBox } from '../review/page-boxes.js';

/** A share of the page as the box's CSS value; the script sets it (the CSP allows no style attribute). */
const share = (points: number, of: number) => `${((points / of) * 100).toFixed(3)}%`;

/** The flag being reviewed: its path, and its box on this page (where a missing value belongs, too). */
export type CurrentFlag = { path: string; rect: Rect | null };

/**
 * The whole page with every extracted value's box outlined, coloured by confidence, the current flag's
 * box marked. Box positions are shares of the page (PDF points, origin bottom-left, turned into
 * top-left), so they fit the image at any size it is shown.
 */
export function pageViewFragment(imageUrl: string, label: string, size: Pick<PageImage, 'widthPt' | 'heightPt'>, boxes: readonly PageBox[], current: CurrentFlag | null): Html {
  const box = (classes: string, path: string, [x, y, w, h]: Rect, title: string) =>
    html`<div class="${classes}" data-path="${path}" data-left="${share(x, size.widthPt)}" data-top="${share(size.heightPt - y - h, size.heightPt)}" data-width="${share(w, size.widthPt)}" data-height="${share(h, size.heightPt)}" title="${title}"></div>`;
  const items = boxes.map(({ path, rect, confidence }) => box(`box ${confidenceClass(confidence)}${path === current?.path ? ' current-box' : ''}`, path, rect, `${path} · ${percent(confidence)}`));
  // A missing value has no box of its own: the flag's box shows where it belongs.
  if (current?.rect && !boxes.some((b) => b.path === current.path)) items.push(box('box flag-box current-box', current.path, current.rect, `${current.path} · missing`));
  return html`<figure class="page-frame"><figcaption>${label} <span class="muted">· boxes: <span class="conf-high">sure</span> <span class="conf-mid">unsure</span> <span class="conf-low">doubtful</span></span></figcaption>
<div class="page-canvas" data-aspect="${(size.widthPt / size.heightPt).toFixed(5)}"><img class="page-image" src="${imageUrl}" alt="${label}">${items}</div></figure>`;
}
