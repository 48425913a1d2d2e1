/** A file refused as a whole (its encoding, format or header); the message tells the user what to do. */
export class ImportFileError extends Error {}

export const SAVE_AS_UTF8_HINT = "Lưu tệp bằng 'CSV UTF-8' trong Excel (Tệp → Lưu thành → CSV UTF-8) rồi tải lên lại.";
