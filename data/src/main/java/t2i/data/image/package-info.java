/** Image decoding, compositing, resizing and PNG encoding with the JDK's ImageIO and Java2D. */
package t2i.data.image;
