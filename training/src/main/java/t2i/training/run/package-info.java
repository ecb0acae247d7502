/** Run folders: resolved configuration, atomic checkpoints with exact-resume metadata. */
package t2i.training.run;
