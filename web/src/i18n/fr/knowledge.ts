/** Texts of the page's knowledge area. */
export const knowledge = {} as const;
