/**
 * The shortest decimal spelling of a number with no exponent and no trailing zeros (`50000`, `100.25`,
 * `0.5`, `0.0000001`), as Go's strconv.FormatFloat(f, 'f', -1, 64) writes it.
 */
export function decimalString(value: number): string {
  const plain = String(value);
  const match = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(plain);
  if (!match) return plain;
  const [, sign, lead, fraction = "", exponentText] = match;
  const digits = `${lead}${fraction}`;
  const exponent = Number(exponentText);
  if (exponent >= 0) {
    const intPart = digits.padEnd(exponent + 1, "0");
    const rest = digits.slice(exponent + 1);
    return `${sign}${intPart.slice(0, exponent + 1)}${rest ? `.${rest}` : ""}`;
  }
  return `${sign}0.${"0".repeat(-exponent - 1)}${digits}`;
}
