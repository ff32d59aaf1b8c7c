// Effect Schema's JIT compiler, enabled for the process: the contract's schemas (params before
// sending, responses after) run as compiled code instead of the interpreter. Effect's own compiler,
// made for this; it falls back to the interpreter where code generation is refused. Node only:
// core leaves it out, since it adds about 7 KB gzip to a browser or worker bundle.
import "effect/schema/SchemaJITCompiler/enable";
