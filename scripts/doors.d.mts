/** Every import of one domain that reaches into another's files: `file → specifier`. */
export function doorBypasses(srcRoot: string): string[];
