/** File helpers shared by the dataset builders: JSON, checksums, atomic folder creation. */
package t2i.data.io;
