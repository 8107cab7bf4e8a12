/**
 * The fixed words the kit prints itself (page footers, captions, legends, axis titles), in Polish and
 * English. Chapter text comes from the chapters, never from here.
 */
import { levelPercent, type Lang } from './format.ts';

export interface KitText {
  page: (x: number, y: number) => string;
  toc: string;
  figure: string;
  table: string;
  continued: string;
  suppressed: string;
  source: string;
  note: string;
  synthetic: string;
  syntheticLong: string;
  coverDate: string;
  coverVersion: string;
  coverProgramme: string;
  coverSegment: string;
  coverAuthor: string;
  importance: string;
  level: string;
  gap: string;
  management: string;
  operational: string;
  scaleAxis: string;
  /** the axis note on whiskers, at a confidence level (0.95) */
  ciNote: (level: number) => string;
  percentAxis: string;
  ipaX: string;
  ipaY: string;
  quadrants: { focus: string; keep: string; low: string; overkill: string };
  chartAlt: {
    dumbbell: string;
    ranking: string;
    ipa: string;
    distribution: string;
    grouped: string;
  };
}

export const KIT_TEXT: Record<Lang, KitText> = {
  pl: {
    page: (x, y) => `Strona ${x} z ${y}`,
    toc: 'Spis treści',
    figure: 'Wykres',
    table: 'Tabela',
    continued: '(cd.)',
    suppressed: '– mniej niż 5 odpowiedzi',
    source: 'Źródło',
    note: 'Uwaga',
    synthetic: 'DANE SYNTETYCZNE',
    syntheticLong: 'Dokument wygenerowano na danych syntetycznych. Liczby nie opisują rzeczywistych jednostek samorządu terytorialnego.',
    coverDate: 'Data',
    coverVersion: 'Wersja',
    coverProgramme: 'Program',
    coverSegment: 'Segment',
    coverAuthor: 'Opracowanie',
    importance: 'Ważność',
    level: 'Poziom',
    gap: 'Luka',
    management: 'Kadra zarządzająca',
    operational: 'Pracownicy operacyjni',
    scaleAxis: 'Średnia na skali 1–5 (1 = bardzo niska, 5 = bardzo wysoka)',
    ciNote: (level) => `wąsy: przedział ufności ${levelPercent(level, 'pl')}\u00A0%`,
    percentAxis: 'Odsetek odpowiedzi (%)',
    ipaX: 'Poziom kompetencji (średnia, skala 1–5)',
    ipaY: 'Ważność (średnia, skala 1–5)',
    quadrants: { focus: 'Skoncentruj się tutaj', keep: 'Utrzymaj', low: 'Niski priorytet', overkill: 'Możliwy nadmiar' },
    chartAlt: {
      dumbbell: 'Wykres punktowy ważności i poziomu kompetencji',
      ranking: 'Wykres słupkowy rankingu',
      ipa: 'Wykres rozrzutu analizy ważność–poziom (IPA)',
      distribution: 'Skumulowany wykres słupkowy rozkładu odpowiedzi',
      grouped: 'Wykres słupkowy porównujący kadrę zarządzającą i pracowników operacyjnych',
    },
  },
  en: {
    page: (x, y) => `Page ${x} of ${y}`,
    toc: 'Contents',
    figure: 'Figure',
    table: 'Table',
    continued: '(continued)',
    suppressed: '– fewer than 5 responses',
    source: 'Source',
    note: 'Note',
    synthetic: 'SYNTHETIC DATA',
    syntheticLong: 'This document was generated from synthetic data. The figures do not describe real local governments.',
    coverDate: 'Date',
    coverVersion: 'Version',
    coverProgramme: 'Programme',
    coverSegment: 'Segment',
    coverAuthor: 'Prepared by',
    importance: 'Importance',
    level: 'Level',
    gap: 'Gap',
    management: 'Management',
    operational: 'Operational staff',
    scaleAxis: 'Mean on a 1–5 scale (1 = very low, 5 = very high)',
    ciNote: (level) => `whiskers: ${levelPercent(level, 'en')}% confidence interval`,
    percentAxis: 'Share of answers (%)',
    ipaX: 'Competence level (mean, 1–5 scale)',
    ipaY: 'Importance (mean, 1–5 scale)',
    quadrants: { focus: 'Concentrate here', keep: 'Keep up the good work', low: 'Low priority', overkill: 'Possible overkill' },
    chartAlt: {
      dumbbell: 'Dot plot of the importance and level of competences',
      ranking: 'Bar chart of a ranking',
      ipa: 'Importance–performance analysis (IPA) scatter plot',
      distribution: 'Stacked bar chart of the distribution of answers',
      grouped: 'Bar chart comparing management and operational staff',
    },
  },
};
