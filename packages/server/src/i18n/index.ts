export { localeOfConnection, negotiateLocale, type Locale } from './locale';
export { placeholdersOf, translate } from './translate';
