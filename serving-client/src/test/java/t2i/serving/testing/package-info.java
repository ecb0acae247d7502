/** Stand-in SavedModels for the tests of this module and the integration tests. */
package t2i.serving.testing;
