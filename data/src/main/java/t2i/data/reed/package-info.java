/**
 * CUB-200-2011 and Oxford-102 Flowers in the layout of Reed et al. ({@code
 * text_c10/<class>/<image>.txt}, {@code trainvalclasses.txt}, {@code testclasses.txt}) converted to
 * the project's shard format.
 */
package t2i.data.reed;
