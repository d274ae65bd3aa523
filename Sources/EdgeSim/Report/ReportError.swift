/// Why a report could not be written, as one line for the user.
///
/// A struct over a private code, so that kinds can be added without breaking
/// callers: compare ``kind`` with `==`. Every case is a user error (bad or
/// missing input, a missing tool); the command maps them all to exit status 2.
public struct ReportError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What sort of problem this is.
    public struct Kind: Hashable, Sendable {
        private enum Code: Hashable, Sendable {
            case badOption, missingFolder, missingFile, malformedFile, gnuplotMissing, scriptsMissing, gnuplotFailed, writeFailed
        }
        private let code: Code
        private init(_ code: Code) { self.code = code }

        /// An option's value cannot be read.
        public static let badOption = Kind(.badOption)
        /// The results folder does not exist or is not a folder.
        public static let missingFolder = Kind(.missingFolder)
        /// A result file the report needs is not in the folder.
        public static let missingFile = Kind(.missingFile)
        /// A result file is not the CSV the runner writes.
        public static let malformedFile = Kind(.malformedFile)
        /// No `gnuplot` executable on the search path.
        public static let gnuplotMissing = Kind(.gnuplotMissing)
        /// The gnuplot scripts (`plots/*.gp`) could not be found.
        public static let scriptsMissing = Kind(.scriptsMissing)
        /// gnuplot ran and failed.
        public static let gnuplotFailed = Kind(.gnuplotFailed)
        /// A figure, data file or the page could not be written.
        public static let writeFailed = Kind(.writeFailed)
    }

    /// What sort of problem this is.
    public let kind: Kind
    /// The whole message, one line.
    public let message: String

    init(_ kind: Kind, _ message: String) {
        self.kind = kind
        // One line, whatever a tool or the file system put in the message.
        self.message = message.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    public var description: String { message }
}
