/** Text handling shared by the trainers and the exported graphs: Reed's character encoding. */
package t2i.data.text;
