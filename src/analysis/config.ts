/**
 * Analysis configuration: defaults a methodologist can read in one place, overridable by a JSON file
 * (`diag analyze --config FILE`, checked in config-file.ts, which loads the schema library only when a
 * file is given).
 */
import type { JstKind } from '../domain/jst.ts';
import { DEFAULT_QUALITY_RULES, type QualityRules } from '../dataset/quality.ts';
import type { Localized } from '../questionnaire/types.ts';

export interface SegmentDef {
  code: string;
  label: Localized;
  kinds: JstKind[];
}

export interface AnalysisConfig {
  /**
   * The report segments and the JST kinds in each. Default: urban-rural gminas with rural gminas (most of
   * their area and pupils are rural), cities with county rights with counties (they run the county
   * schools: secondary, vocational, special).
   */
  segments: SegmentDef[];
  /** no cell with fewer respondents than this is shown anywhere */
  suppressionThreshold: number;
  /** estimates on fewer respondents are marked low precision */
  lowPrecisionBelow: number;
  /** confidence level of every interval */
  level: number;
  weights: 'none' | 'frame';
  /** post-stratify when every kind × voivodeship cell has this many responding JSTs, else rake */
  minJstPerCell: number;
  quality: QualityRules;
  /** MWDS intervals: replicates, seed, and the cell size (JSTs) up to which the exact cluster bootstrap runs */
  bootstrap: { replicates: number; seed: string; exactUpToJsts: number };
  /**
   * categorical variables by which area results are further broken down within each segment; absent: the
   * questionnaire's population class (roles.populationClass of its programme metadata)
   */
  breakdowns?: string[];
}

export const DEFAULT_CONFIG: AnalysisConfig = {
  segments: [
    { code: 'rural', label: { pl: 'Gminy wiejskie', en: 'Rural gminas' }, kinds: ['rural', 'urban_rural'] },
    { code: 'urban', label: { pl: 'Gminy miejskie', en: 'Urban gminas' }, kinds: ['urban'] },
    { code: 'county', label: { pl: 'Powiaty', en: 'Counties' }, kinds: ['county', 'city_county'] },
  ],
  suppressionThreshold: 5,
  lowPrecisionBelow: 30,
  level: 0.95,
  weights: 'none',
  minJstPerCell: 2,
  quality: DEFAULT_QUALITY_RULES,
  bootstrap: { replicates: 1000, seed: 'diag', exactUpToJsts: 500 },
};
