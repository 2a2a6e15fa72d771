/** UI texts of the firmware view: same keys in en and ja (checked by a test). */
export default {
  en: {},
  ja: {},
};
