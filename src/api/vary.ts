/** `name` first, then what Vary already says (CORS's Origin): a cached hit writes them in that order too. */
export function addVary(current: unknown, name: string): string {
  const values = String(current ?? '').split(',').map((v) => v.trim()).filter(Boolean);
  return [name, ...values.filter((v) => v.toLowerCase() !== name.toLowerCase())].join(', ');
}
