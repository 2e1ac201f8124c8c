// ESLint for the scripts people's browsers run: the console, the walls and the kiosk's page.
// Browser ES modules, served as they are (no bundler).
import js from "@eslint/js";
import globals from "globals";

export default [
  {
    files: [
      "server/src/main/webapp/**/*.js",
      "kiosk-client/src/main/resources/chorus/kiosk/screen/**/*.js",
    ],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "module",
      globals: { ...globals.browser },
    },
    rules: {
      ...js.configs.recommended.rules,
      eqeqeq: ["error", "always", { null: "ignore" }],
      "no-implicit-globals": "error",
      "no-var": "error",
      "prefer-const": "error",
      "no-eval": "error",
      "no-implied-eval": "error",
      "no-new-func": "error",
      "no-unused-vars": ["error", { args: "none", caughtErrors: "none" }],
    },
  },
];
