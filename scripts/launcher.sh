#!/bin/sh
# The `clarte` command (copied to dist/src/clarte by scripts/bundle-cli.ts).
# A one-off analysis (`clarte analyze FILE…`, `-` for stdin) starts from the V8 startup snapshot
# dist/src/clarte.blob, made by `npm run build`: rules loaded and compiled, code and regexes warm.
# The snapshot is used only with the Node.js binary and the folder it was made for (clarte.blob.key);
# its regexes are interpreted, not compiled to machine code, which suits a few letters, so JSON Lines
# batches, audits, the server and everything else start dist/src/clarte.mjs as usual.
self=$(readlink -f "$0")
here=${self%/*}
if [ "$1" = analyze ] || [ "$1" = analyse ]; then
  case " $* " in
    *" --input-jsonl"*) ;;
    *)
      node=$(command -v node)
      if [ -n "$node" ] && [ -r "$here/clarte.blob" ] && [ -r "$here/clarte.blob.key" ]; then
        read -r key < "$here/clarte.blob.key"
        if [ "$key" = "$(stat -L -c %s:%Y "$node") $here" ]; then
          exec "$node" --regexp-interpret-all --snapshot-blob "$here/clarte.blob" "$@"
        fi
      fi
      ;;
  esac
fi
exec node "$here/clarte.mjs" "$@"
