import type { PageImage } from '../review/page-image-source.js';
import { confidenceClass, percent } from './confidence-class.js';
import { html, type Html } from './html-page.js';
import type { PageBox } from './page-boxes-view.js';

/** A share of the page as the box's CSS value; the script sets it (the CSP allows no style attribute). */
const share = (points: number, of: number) => `${((points / of) * 100).toFixed(3)}%`;

/**
 * The whole page with every extracted value's box outlined, coloured by confidence, `current` the box
 * of the flag being reviewed. Box positions are shares of the page (PDF points, origin bottom-left,
 * turned into top-left), so they fit the image at any size it is shown.
 */
export function pageViewFragment(imageUrl: string, label: string, size: Pick<PageImage, 'widthPt' | 'heightPt'>, boxes: readonly PageBox[], current: string | null): Html {
  const items = boxes.map(({ path, rect: [x, y, w, h], confidence }) => {
    const classes = `box ${confidenceClass(confidence)}${path === current ? ' current-box' : ''}`;
    return html`<div class="${classes}" data-path="${path}" data-left="${share(x, size.widthPt)}" data-top="${share(size.heightPt - y - h, size.heightPt)}" data-width="${share(w, size.widthPt)}" data-height="${share(h, size.heightPt)}" title="${path} · ${percent(confidence)}"></div>`;
  });
  return html`<figure class="page-frame"><figcaption>${label} <span class="muted">· boxes: <span class="conf-high">sure</span> <span class="conf-mid">unsure</span> <span class="conf-low">doubtful</span></span></figcaption>
<div class="page-canvas"><img class="page-image" src="${imageUrl}" alt="${label}">${items}</div></figure>`;
}
