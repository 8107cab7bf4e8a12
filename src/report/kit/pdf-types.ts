/// <reference types="pdfkit" />
/**
 * The pdfkit document type. @types/pdfkit declares it in the global `PDFKit` namespace, which tsconfig's
 * `types: ["node"]` does not load by itself; importing `Doc` from here loads it.
 */
export type Doc = PDFKit.PDFDocument;
export type TextOptions = PDFKit.Mixins.TextOptions;
export type StructElement = PDFKit.PDFStructureElement;
