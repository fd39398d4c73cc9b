import type { GeneratedFile } from '../../electron/common/models/asset-import.ts';

/**
 * Saves a file the core made (a CSV export, a PDF report) through the browser's own download,
 * so station mode and the Electron window behave alike: the bytes cross the contract as
 * base64 and become a Blob here.
 */
export function downloadGeneratedFile(file: GeneratedFile): void {
  const binary = atob(file.contentBase64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: file.contentType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own copy once the click is handled; revoking at once can cancel it in Chromium.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A file the user picked, as the base64 an upload request carries (the data URL's payload). */
export function readFileAsBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      // readAsDataURL always yields a string: "data:<type>;base64,<payload>".
      const url = reader.result as string;
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.readAsDataURL(file);
  });
}
