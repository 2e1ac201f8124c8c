// Prettier for the page scripts: the house style they were written in.
export default {
  printWidth: 140,
  singleQuote: true,
  trailingComma: "all",
  arrowParens: "always",
};
