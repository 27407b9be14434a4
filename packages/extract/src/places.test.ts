import type { Finding } from '@stixmill/contracts';
import { describe, expect, it } from 'vitest';
import { extract, plainDocument } from './index.ts';

/** The location findings of a text, as "value|city|administrative_area|country|region". */
async function places(text: string): Promise<Finding[]> {
  const { findings } = await extract(plainDocument(text));
  return findings.filter((f) => f.type === 'location');
}
const one = (list: Finding[], value: string) => list.find((f) => f.value === value);

describe('places from GeoNames (data/geo.json)', () => {
  it('reads a place-of-birth field: city, province and the inverted country', async () => {
    const got = await places('Subject 2: DOB 12 Mar 1984; POB Sinuiju, North Pyongan Province, Korea, North.');
    expect(one(got, 'Sinuiju')?.props).toEqual({ city: 'Sinuiju', country: 'KP' });
    expect(one(got, 'North Pyongan')?.props).toEqual({ administrative_area: 'North Pyongan', country: 'KP' });
    expect(one(got, 'North Korea')?.props).toEqual({ country: 'KP' });
  });

  it('finds a Chinese city and its province in an address line', async () => {
    const got = await places('Registered address: Unit 7, 42 Harbour Lane, Dalian, Liaoning, China.');
    expect(one(got, 'Dalian')?.props).toEqual({ city: 'Dalian', country: 'CN' });
    expect(one(got, 'Liaoning')?.props).toEqual({ administrative_area: 'Liaoning', country: 'CN' });
    expect(one(got, 'China')).toBeDefined();
    // A street named after a city is no city.
    expect(one(await places('The shop sits on Zhongshan Road near the port.'), 'Zhongshan')).toBeUndefined();
  });

  it('reads inverted and official country names', async () => {
    expect(one(await places('The second passport was issued by Korea, South.'), 'South Korea')).toBeDefined();
    const got = await places('Funds moved through Iran, Islamic Republic of, and the Russian Federation.');
    expect(one(got, 'Iran')).toBeDefined();
    expect(one(got, 'Russia')).toBeDefined();
    expect(
      one(await places('A wire reached Congo, Democratic Republic of the.'), 'Democratic Republic of the Congo'),
    ).toBeDefined();
  });

  it('ties "X Province" and romanised forms to the region', async () => {
    const got = await places('The courier crossed from Jilin Province into Rason, then drove on to Gyeonggi Province.');
    expect(one(got, 'Jilin')?.props).toEqual({ administrative_area: 'Jilin', country: 'CN' });
    expect(one(got, 'Rason')?.props).toEqual({ administrative_area: 'Rason', country: 'KP' });
    expect(one(got, 'Gyeonggi-do')?.props.administrative_area).toBe('Gyeonggi-do');
  });

  it('finds border cities by their usual romanisation', async () => {
    const got = await places('Traders in Shenyang and Dandong wired money to Pyongyang and to a firm in Vladivostok.');
    expect(got.map((f) => `${f.value}/${f.props.country}`).sort()).toEqual([
      'Dandong/CN',
      'Pyongyang/KP',
      'Shenyang/CN',
      'Vladivostok/RU',
    ]);
  });

  it('takes no city whose name is a common word without a cue', async () => {
    for (const text of [
      'We split the sample in two and ran each half.',
      'Split the archive before upload.',
      'Nice work from the response team.',
      'Reading the logs took most of a day.',
      'Mobile devices were the first target.',
      'Victoria Hale joined the project in 2021.',
      'Another persona signed as Marcus Takeo.',
    ])
      expect(await places(text), text).toEqual([]);
  });

  it('takes such a city where the text says it is a place', async () => {
    const got = await places('The parcels went to a drop house in Mobile, Alabama.');
    expect(one(got, 'Mobile')?.props).toEqual({ city: 'Mobile', country: 'US' });
    expect(one(await places('The recruiter said he was born in Nice.'), 'Nice')?.props).toEqual({
      city: 'Nice',
      country: 'FR',
    });
    // The place after the comma says which Victoria.
    expect(one(await places('She moved to Victoria, Seychelles.'), 'Victoria')?.props.country).toBe('SC');
  });

  it('keeps world regions as STIX regions', async () => {
    const got = await places('The lure targeted firms in Europe and the Middle East.');
    expect(one(got, 'Europe')?.props).toEqual({ region: 'europe' });
    expect(one(got, 'Middle East')?.props).toEqual({ region: 'western-asia' });
  });
});
