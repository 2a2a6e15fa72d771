/** UI texts of the dump view: same keys in en and ja (checked by a test). */
export default {
  en: {},
  ja: {},
};
