package dev.workscript.gradle

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Test

class NodeVersionTest {
    @Test
    fun `parses what node --version prints`() {
        assertEquals(NodeVersion(20, 11, 1), NodeVersion.parse("v20.11.1"))
        assertEquals(NodeVersion(22, 0, 0), NodeVersion.parse("v22.0.0"))
        assertEquals(NodeVersion(18, 19, 0), NodeVersion.parse("v18.19.0"))
    }

    @Test
    fun `the trailing newline and surrounding whitespace are ignored`() {
        assertEquals(NodeVersion(20, 11, 1), NodeVersion.parse("v20.11.1\n"))
        assertEquals(NodeVersion(20, 11, 1), NodeVersion.parse("  v20.11.1\r\n"))
    }

    @Test
    fun `pre-release and build suffixes are accepted`() {
        assertEquals(NodeVersion(23, 0, 0), NodeVersion.parse("v23.0.0-nightly20240101abcdef\n"))
    }

    @Test
    fun `anything else is not a version`() {
        for (output in listOf("", "\n", "garbage", "20.11.1", "v20.11", "v20", "Python 3.12.1",
            "node: bad option: --version", "v20.11.1\nv22.0.0", "Welcome v20.11.1", "v99999999999.0.0")) {
            assertNull(NodeVersion.parse(output), output)
        }
    }

    @Test
    fun `prints as node does`() {
        assertEquals("v20.11.1", NodeVersion(20, 11, 1).toString())
    }
}
