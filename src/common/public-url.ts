/** `path` under PUBLIC_BASE_URL, which may or may not end in a slash. */
export const publicUrl = (baseUrl: string, path = '') => `${baseUrl.replace(/\/+$/, '')}${path}`;
