/**
 * The municipal councils from each city's open-data portal: the file each city
 * publishes (the origins named in data/municipal/SOURCES.txt), saved under the
 * name the municipal importer knows it by. One city's server failing leaves
 * the others to import (the run ends `partial`); all of them failing fails it.
 * With FETCH_MUNICIPAL_MIRROR every file comes from `<mirror>/<host><path>`.
 */
import { join } from 'node:path';
import type { FetchConfig } from '../config.js';
import { SAMPLE_DATA_DIR } from '../ingest/import-all.js';
import { municipal } from '../ingest/municipal.js';
import type { Fetcher, InputFile } from './fetch-run.js';
import { FetchError } from './http.js';

/** Each city's file as its portal publishes it, by the file name the importer reads. */
export const CITY_FILES: Record<string, string> = {
  'toronto.csv': 'https://ckan0.cf.opendata.inter.prod-toronto.ca/dataset/27aa4651-4548-4e57-bf00-53a346931251/resource/dea217a2-f7c1-4e62-aec1-48fffaad1170/download/2022-2026%20Elected%20Officials%20Contact%20Info.csv',
  'montreal.csv': 'https://donnees.montreal.ca/dataset/381d74ca-dadd-459f-95c9-db255b5f4480/resource/ce1315a3-50ee-48d0-a0f0-9bcc15f65643/download/liste_elus_montreal.csv',
  'winnipeg.json': 'https://data.winnipeg.ca/resource/r4tk-7dip.json',
  'quebec.csv': 'https://www.donneesquebec.ca/recherche/fr/dataset/8fe69713-fade-4751-a0b4-7e57a81886b1/resource/bb38e19e-26ab-495c-a0f7-ed6b3268b6e6/download/liste-elus.csv',
  'vancouver.csv': 'https://opendata.vancouver.ca/explore/dataset/elected-officials-contact-information/download/?format=csv&timezone=America/New_York&use_labels_for_header=true&csv_separator=%3B',
  'kitchener.csv': 'https://app2.kitchener.ca/appdocs/opendata/staticdatasets/Elected_Officials.csv',
  'guelph.csv': 'https://gismaps.guelph.ca/OpenData/guelph-city-council.csv',
  'cambridge.csv': 'https://maps.cambridge.ca/Images/OpenData/SharedDocuments/ElectedOfficials.csv',
  'waterloo.csv': 'https://opendata-city-of-waterloo.opendata.arcgis.com/datasets/594698f0bbcd4c20b72977194d2b97b8_0.csv',
  'kingston.csv': 'https://services1.arcgis.com/5GRYvurYYUwAecLQ/arcgis/rest/services/Council_Contact_List/FeatureServer/replicafilescache/Council_Contact_List_1489158215873276683.csv',
  'niagara-region.csv': 'https://niagaraopendata.ca/dataset/ee767222-c7fc-4541-8cad-a27276a3522b/resource/f409257f-5a6d-4719-a326-2719dd5c43ff/download/2018---2022-council-elected-officials.csv',
  'newmarket.csv': 'https://represent.opennorth.ca.s3.amazonaws.com/data/2016-11-15-newmarket.csv',
  'moncton.geojson': 'https://services1.arcgis.com/E26PuSoie2Y7bbyI/arcgis/rest/services/Elected_Officials/FeatureServer/0/query?outFields=*&where=1%3D1&f=geojson',
};

export function cityFileUrl(settings: FetchConfig, file: string): string {
  const origin = new URL(CITY_FILES[file]!);
  return settings.municipalMirror ? `${settings.municipalMirror}/${origin.host}${origin.pathname}${origin.search}` : origin.href;
}

export const municipalFetcher: Fetcher = {
  importer: municipal,
  feeds: (settings) => Object.keys(CITY_FILES).map((file) => cityFileUrl(settings, file)),
  // Wards are found in the OCD registry, which ships with the product rather than being fetched.
  referencePaths: () => [join(SAMPLE_DATA_DIR, 'ocd', 'country-ca.csv')],
  async collect(ctx) {
    const files: InputFile[] = [];
    const failures: FetchError[] = [];
    for (const name of Object.keys(CITY_FILES)) {
      const url = cityFileUrl(ctx.settings, name);
      try {
        const document = await ctx.get(url, name);
        if (!document) ctx.reject({ location: url, message: `HTTP 404: ${name} is no longer published there` });
        else if (document.changed) files.push({ name, document });
      } catch (e) {
        if (!(e instanceof FetchError)) throw e;
        failures.push(e);
        ctx.reject({ location: url, message: e.message });
      }
    }
    if (failures.length === Object.keys(CITY_FILES).length) throw failures[0]!;
    return files;
  },
};
