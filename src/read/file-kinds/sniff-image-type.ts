export type ImageType = 'jpeg' | 'png' | 'tiff';

/** The image type from the file's first bytes (names and MIME types lie: a .pdf that is a JPEG, a .tif that is a PNG). */
export function sniffImageType(bytes: Uint8Array): ImageType | null {
  const at = (...b: number[]) => b.every((v, i) => bytes[i] === v);
  if (at(0xff, 0xd8, 0xff)) return 'jpeg';
  if (at(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  if (at(0x49, 0x49, 0x2a, 0x00) || at(0x4d, 0x4d, 0x00, 0x2a)) return 'tiff';
  return null;
}
