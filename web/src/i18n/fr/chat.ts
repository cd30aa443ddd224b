/** Texts of the page's chat area. */
export const chat = {} as const;
