/** Texts of the page's admin area. */
export const admin = {} as const;
