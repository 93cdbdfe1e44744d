/**
 * The SHA-256 of the signed consent form, computed in the browser with Web Crypto. Only this hash
 * goes to the hub: the form itself, with the person's signature on it, stays on the caseworker's
 * machine and in the paper archive.
 */
export async function sha256Hex(file: Blob): Promise<string> {
  // A view of the bytes rather than the buffer itself: Web Crypto accepts a view over a buffer
  // from any realm (a test's DOM hands out buffers of its own).
  const digest = await crypto.subtle.digest('SHA-256', new Uint8Array(await bytesOf(file)));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** A file's bytes; through FileReader where a Blob has no arrayBuffer (older engines). */
function bytesOf(file: Blob): Promise<ArrayBuffer> {
  if (typeof file.arrayBuffer === 'function') {
    return file.arrayBuffer();
  }
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(file);
  });
}
