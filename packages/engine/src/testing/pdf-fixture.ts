/**
 * A small real PDF written by hand (ISO 32000-1, section 7: a header, numbered
 * objects, a cross-reference table giving each object's byte offset, a
 * trailer), for tests that read PDFs: each page draws its lines of text in
 * Helvetica, one line under the other, and the document information
 * dictionary holds `title` and `author`; with `xmpTitle`, the catalog also
 * carries an XMP metadata stream holding it as `dc:title`. Text is ASCII
 * without parentheses or backslashes.
 */
export function minimalPdf(pages: readonly (readonly string[])[], info: { title: string; author: string; xmpTitle?: string }): Uint8Array {
  const objects: string[] = [];
  const add = (body: string) => objects.push(body);
  const firstPage = info.xmpTitle === undefined ? 5 : 6;
  add(`<< /Type /Catalog /Pages 2 0 R${info.xmpTitle === undefined ? '' : ' /Metadata 5 0 R'} >>`);
  add(`<< /Type /Pages /Kids [${pages.map((_, i) => `${firstPage + 2 * i} 0 R`).join(' ')}] /Count ${pages.length} >>`);
  add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  add(`<< /Title (${info.title}) /Author (${info.author}) >>`);
  if (info.xmpTitle !== undefined) {
    const xmp =
      '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">' +
      '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">' +
      `<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${info.xmpTitle}</rdf:li></rdf:Alt></dc:title>` +
      '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>';
    add(`<< /Type /Metadata /Subtype /XML /Length ${xmp.length} >>\nstream\n${xmp}\nendstream`);
  }
  for (const lines of pages) {
    const content = `BT /F1 12 Tf ${lines.map((line, j) => `1 0 0 1 72 ${720 - 20 * j} Tm (${line}) Tj`).join(' ')} ET`;
    const contentsId = objects.length + 2;
    add(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents ${contentsId} 0 R >>`);
    add(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
  }
  let out = '%PDF-1.4\n';
  const offsets = objects.map((body, i) => {
    const at = out.length;
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return at;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((at) => `${String(at).padStart(10, '0')} 00000 n \n`).join('');
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 4 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}
