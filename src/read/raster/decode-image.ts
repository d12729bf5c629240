import { DEFAULT_LIMITS, type Limits } from '../../config/limits.js';
import type { GrayImage } from './gray-image.js';
import { decodeCanvasImage, paintGray } from './canvas-image.js';
import { jpegAsGray } from './jpeg-as-gray.js';
import { readJpegHeader } from './jpeg-header.js';
import { checkPixelCount } from './pixel-limit.js';
import { readPngHeader } from './png-header.js';
import { scanDensity, type Density } from './scan-dpi.js';
import { squarePixels } from './square-pixels.js';

/**
 * A JPEG or PNG scan as a gray page. The header is checked first (size cap, truncation: Skia would
 * decode a cut-off file without complaint) and the picture is turned upright by its EXIF orientation,
 * as a viewer shows it.
 */
export async function decodeImage(bytes: Uint8Array, fileName: string, type: 'jpeg' | 'png', limits: Limits = DEFAULT_LIMITS): Promise<GrayImage> {
  const jpeg = type === 'jpeg' ? readJpegHeader(bytes, fileName) : null;
  const header = jpeg ?? readPngHeader(bytes, fileName);
  const upright = uprightSize(header);
  checkPixelCount(upright.width, upright.height, fileName, undefined, limits, upright.density);
  // A JPEG stored upright is its own pixels: straight to gray (jpegAsGray), as a scanned PDF's page.
  const gray = jpeg?.orientation === 1 ? jpegAsGray(bytes, upright.density.x) : null;
  if (gray) return squarePixels(gray.width, gray.height, gray.data, upright.density);
  const image = await decodeCanvasImage(bytes, fileName);
  const turned = image.width !== header.width; // EXIF orientations 5..8 swap the axes
  const declared = header.density && turned ? { x: header.density.y, y: header.density.x } : header.density;
  const density = scanDensity(image.width, image.height, declared);
  const painted = paintGray(image, image.width, image.height, density.x);
  return squarePixels(painted.width, painted.height, painted.data, density);
}

/** The size and density of a JPEG or PNG page as it will be shown upright, from its header alone. */
export function imageHeaderSize(bytes: Uint8Array, fileName: string, type: 'jpeg' | 'png'): { width: number; height: number; density: Density } {
  return uprightSize(type === 'jpeg' ? readJpegHeader(bytes, fileName) : readPngHeader(bytes, fileName));
}

function uprightSize(header: { width: number; height: number; density: Density | null; orientation?: number }) {
  const swaps = (header.orientation ?? 1) >= 5; // EXIF orientations 5..8 swap the axes
  const [width, height] = swaps ? [header.height, header.width] : [header.width, header.height];
  const declared = header.density && swaps ? { x: header.density.y, y: header.density.x } : header.density;
  return { width, height, density: scanDensity(width, height, declared) };
}
