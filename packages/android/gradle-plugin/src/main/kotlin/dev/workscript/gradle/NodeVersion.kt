package dev.workscript.gradle

/**
 * A Node.js version as `node --version` prints it: `v20.11.1`, or with a pre-release/build suffix such as
 * `v23.0.0-nightly2024…` (the suffix is accepted and not kept).
 */
public data class NodeVersion(val major: Int, val minor: Int, val patch: Int) {
    override fun toString(): String = "v$major.$minor.$patch"

    public companion object {
        /**
         * The oldest Node.js major version the codegen CLI is run with.
         *
         * Where 20 comes from: `@workscript/codegen`'s own package.json has no `engines` field, so the number is
         * the repository's. Its root package.json declares `"engines": { "node": ">=20.19" }`, and the docs of this
         * plugin and of android-sample promise "Node.js 20+". The CLI's dependency minimatch 11 (through ts-morph's
         * `@ts-morph/common`) declares `"node": "20 || >=22"`. Only the major is compared: `>=20.19` is what the
         * repository's dev tooling needs (eslint declares `^20.19.0 || …`), and the odd, end-of-life 21 line is
         * left to npm's engine warnings.
         * When the codegen's package.json gains an `engines` field, this constant follows it (DefaultsTest reads
         * both files and fails when they disagree with it).
         */
        public const val MIN_MAJOR: Int = 20

        // Anchored: the whole output (less surrounding whitespace) must be the version, so the banner of a
        // different program that happens to contain one is not taken for Node.js.
        private val PATTERN = Regex("""v(\d{1,9})\.(\d{1,9})\.(\d{1,9})(?:[-+][0-9A-Za-z.+-]*)?""")

        /**
         * The version in `node --version`'s [output]; surrounding whitespace (the trailing newline) is ignored.
         * Null when the output is not exactly one version, e.g. empty or another program's text.
         */
        public fun parse(output: String): NodeVersion? {
            val m = PATTERN.matchEntire(output.trim()) ?: return null
            val (major, minor, patch) = m.destructured
            return NodeVersion(major.toInt(), minor.toInt(), patch.toInt())
        }
    }
}
