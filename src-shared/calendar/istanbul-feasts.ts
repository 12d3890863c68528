/**
 * First days of Turkey's two religious feasts, as fixed by the Presidency of Religious Affairs
 * (Diyanet), whose calendar is computed in advance rather than set by local moon sighting.
 * Ramazan Bayramı (Eid al-Fitr) lasts 3 days, Kurban Bayramı (Eid al-Adha) 4 days; the eve
 * (arife) of each is a half day. Dates are month-day in the given year.
 *
 * Coverage is deliberately bounded: outside these years the lunar dates are not guessed and the
 * calendar marks its days provisional instead.
 */
export const FEASTS_FROM = 2015;
export const FEASTS_TO = 2030;

export const FEAST_FIRST_DAYS: Record<number, { ramazan: string; kurban: string }> = {
  2015: { ramazan: '07-17', kurban: '09-24' },
  2016: { ramazan: '07-05', kurban: '09-12' },
  2017: { ramazan: '06-25', kurban: '09-01' },
  2018: { ramazan: '06-15', kurban: '08-21' },
  2019: { ramazan: '06-04', kurban: '08-11' },
  2020: { ramazan: '05-24', kurban: '07-31' },
  2021: { ramazan: '05-13', kurban: '07-20' },
  2022: { ramazan: '05-02', kurban: '07-09' },
  2023: { ramazan: '04-21', kurban: '06-28' },
  2024: { ramazan: '04-10', kurban: '06-16' },
  2025: { ramazan: '03-30', kurban: '06-06' },
  2026: { ramazan: '03-20', kurban: '05-27' },
  2027: { ramazan: '03-09', kurban: '05-16' },
  2028: { ramazan: '02-26', kurban: '05-05' },
  2029: { ramazan: '02-14', kurban: '04-24' },
  2030: { ramazan: '02-04', kurban: '04-13' },
};
