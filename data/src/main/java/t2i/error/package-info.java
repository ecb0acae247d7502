/** The one error type for problems the user can fix, reported as one line. */
package t2i.error;
