// Pure: what an uploaded file really is, from its bytes (never from its name or declared type).

export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;

export type ImageInfo = {
  type: "image/png" | "image/jpeg" | "image/webp";
  extension: "png" | "jpg" | "webp";
  width: number;
  height: number;
};

function pngInfo(bytes: Uint8Array): ImageInfo | null {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || !signature.every((b, i) => bytes[i] === b)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { type: "image/png", extension: "png", width: view.getUint32(16), height: view.getUint32(20) };
}

function jpegInfo(bytes: Uint8Array): ImageInfo | null {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8 || bytes[2] !== 0xff) return null;
  let offset = 2;
  while (offset + 9 < bytes.length) {
    if (bytes[offset] !== 0xff) return null;
    const marker = bytes[offset + 1]!;
    const length = (bytes[offset + 2]! << 8) | bytes[offset + 3]!;
    // Start-of-frame markers carry the dimensions.
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      return {
        type: "image/jpeg",
        extension: "jpg",
        height: (bytes[offset + 5]! << 8) | bytes[offset + 6]!,
        width: (bytes[offset + 7]! << 8) | bytes[offset + 8]!,
      };
    }
    offset += 2 + length;
  }
  return null;
}

function webpInfo(bytes: Uint8Array): ImageInfo | null {
  const text = (from: number, to: number) => String.fromCharCode(...bytes.slice(from, to));
  if (bytes.length < 30 || text(0, 4) !== "RIFF" || text(8, 12) !== "WEBP") return null;
  const chunk = text(12, 16);
  const u16 = (i: number) => bytes[i]! | (bytes[i + 1]! << 8);
  const u24 = (i: number) => bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16);
  if (chunk === "VP8X") return { type: "image/webp", extension: "webp", width: u24(24) + 1, height: u24(27) + 1 };
  if (chunk === "VP8 ")
    return { type: "image/webp", extension: "webp", width: u16(26) & 0x3fff, height: u16(28) & 0x3fff };
  if (chunk === "VP8L") {
    const b = bytes.slice(21, 25);
    return {
      type: "image/webp",
      extension: "webp",
      width: 1 + (((b[1]! & 0x3f) << 8) | b[0]!),
      height: 1 + (((b[3]! & 0xf) << 10) | (b[2]! << 2) | ((b[1]! & 0xc0) >> 6)),
    };
  }
  return null;
}

/**
 * PNG, JPEG or WebP, recognised by their signatures, with sane dimensions; null for anything else
 * — SVG included, since an SVG is a document that can carry script.
 */
export function inspectImage(bytes: Uint8Array): ImageInfo | null {
  const info = pngInfo(bytes) ?? jpegInfo(bytes) ?? webpInfo(bytes);
  if (!info || info.width < 1 || info.height < 1 || info.width > 8000 || info.height > 8000) return null;
  return info;
}
