/**
 * Search snippets arrive as HTML: the text escaped, the matches in <mark>.
 * Rather than trusting that HTML, the marks are split out and the rest is
 * unescaped into plain React text, so nothing else in it can become markup.
 */
const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
const unescape = (text: string) => text.replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e] ?? e);

export function Snippet({ html }: { html: string }) {
  const parts = html.split(/(<mark>.*?<\/mark>)/s);
  return (
    <>
      {parts.map((part, i) =>
        part.startsWith('<mark>') && part.endsWith('</mark>')
          ? <mark key={i}>{unescape(part.slice(6, -7))}</mark>
          : unescape(part),
      )}
    </>
  );
}
