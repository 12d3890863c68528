const COLON = 58;

/**
 * A cursor over text[pos, end) for the less common date and time shapes. Readers advance `pos`
 * and return NaN on a mismatch; one scanner is reused for every cell, so nothing is allocated.
 */
export class TextScanner {
  text = '';
  pos = 0;
  end = 0;

  reset(text: string, start: number, end: number): this {
    this.text = text;
    this.pos = start;
    this.end = end;
    return this;
  }

  get atEnd(): boolean {
    return this.pos >= this.end;
  }

  /** An unsigned integer of `minDigits` to `maxDigits` digits. */
  int(minDigits: number, maxDigits: number): number {
    let value = 0;
    let n = 0;
    while (this.pos < this.end && n < maxDigits) {
      const d = this.text.charCodeAt(this.pos) - 48;
      if (d < 0 || d > 9) break;
      value = value * 10 + d;
      this.pos++;
      n++;
    }
    return n >= minDigits ? value : NaN;
  }

  /** Consumes `char` (a code) if it is next. */
  take(char: number): boolean {
    if (this.pos < this.end && this.text.charCodeAt(this.pos) === char) {
      this.pos++;
      return true;
    }
    return false;
  }

  spaces(): void {
    while (this.pos < this.end && this.text.charCodeAt(this.pos) === 32) this.pos++;
  }

  /** A clock time: `H:MM`, `HH:MM:SS`, `HH:MM:SS.fff`, `HHMMSS`, `HMMSS`, `HHMM`, optional AM/PM. Ms into the day. */
  clock(): number {
    const start = this.pos;
    let hour = this.int(1, 2);
    let minute = NaN;
    let second = 0;
    if (this.take(COLON)) {
      minute = this.int(2, 2);
      if (this.take(COLON)) second = this.int(2, 2);
    } else {
      // Compact clocks: 093000, 93000 (leading zero lost on the way through a spreadsheet), 0930.
      this.pos = start;
      const digits = this.int(4, 6);
      const width = this.pos - start;
      hour = width === 4 ? Math.floor(digits / 100) : Math.floor(digits / 10_000);
      minute = width === 4 ? digits % 100 : Math.floor(digits / 100) % 100;
      second = width === 4 ? 0 : digits % 100;
    }
    let millis = 0;
    if (this.take(46 /* . */) || this.take(44 /* , */)) {
      const from = this.pos;
      for (let scale = 100; this.pos < this.end; this.pos++, scale /= 10) {
        const d = this.text.charCodeAt(this.pos) - 48;
        if (d < 0 || d > 9) break;
        millis += d * scale;
      }
      if (this.pos === from) return NaN;
      millis = Math.floor(millis);
    }
    const beforeMeridiem = this.pos;
    this.spaces();
    const m = this.pos < this.end ? this.text.charCodeAt(this.pos) | 32 : 0;
    if ((m === 97 /* a */ || m === 112) /* p */ && (this.text.charCodeAt(this.pos + 1) | 32) === 109 /* m */) {
      if (hour < 1 || hour > 12) return NaN;
      hour = (hour % 12) + (m === 112 ? 12 : 0);
      this.pos += 2;
    } else this.pos = beforeMeridiem;
    if (!(hour <= 23 && minute <= 59 && second <= 59)) return NaN;
    return ((hour * 60 + minute) * 60 + second) * 1000 + millis;
  }

  /** A UTC offset: `Z`, `±HH:MM`, `±HHMM` or `±HH`, in ms; NaN when something else is there. */
  offset(): number {
    this.spaces();
    const c = this.pos < this.end ? this.text.charCodeAt(this.pos) : 0;
    if (c === 90 /* Z */ || c === 122) {
      this.pos++;
      return 0;
    }
    if (c !== 43 /* + */ && c !== 45 /* - */) return NaN;
    this.pos++;
    const hours = this.int(2, 2);
    this.take(COLON);
    const minutes = this.atEnd ? 0 : this.int(2, 2);
    if (!(hours <= 14 && minutes <= 59)) return NaN;
    return (c === 45 ? -1 : 1) * (hours * 60 + minutes) * 60_000;
  }
}
