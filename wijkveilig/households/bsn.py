"""The BSN 11-proef (elfproef) as a pure function."""


def is_valid_bsn(value: str) -> bool:
    """True for a 9-digit number whose weighted sum (9..2, and -1 for the last digit) is divisible by 11."""
    digits = value.strip()
    if len(digits) == 8:
        digits = "0" + digits
    if len(digits) != 9 or not (digits.isascii() and digits.isdigit()) or digits == "000000000":
        return False
    weights = [9, 8, 7, 6, 5, 4, 3, 2, -1]
    return sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11 == 0
