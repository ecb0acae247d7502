/**
 * The emoji dataset: Google Noto and Twitter Twemoji art from the {@code emoji-datasource-*} npm
 * packages, described by the Unicode CLDR annotations, as 64×64 RGB records with the emoji
 * subcategory as class.
 */
package t2i.data.emoji;
