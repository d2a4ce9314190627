/** Hands bytes made in this page to the browser as a download named `name`. */
export function saveFile(name: string, bytes: Uint8Array, mime: string) {
  const url = URL.createObjectURL(new Blob([new Uint8Array(bytes)], { type: mime }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the object URL; it can be released after this task.
  window.setTimeout(() => URL.revokeObjectURL(url), 0);
}
