/** "namedInsureds[0].mailingAddress.cityName" → "Named insureds 1 › Mailing address › City name". */
export function pathWords(path: string): string {
  return path
    .split('.')
    .map((part) => {
      const [, name = part, index] = /^([A-Za-z]+)(?:\[(\d+)\])?$/.exec(part) ?? [];
      const words = name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
      return `${words[0]!.toUpperCase()}${words.slice(1)}${index === undefined ? '' : ` ${Number(index) + 1}`}`;
    })
    .join(' › ');
}
