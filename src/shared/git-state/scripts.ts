import { shellQuote } from '../remote/quote.js';

/**
 * Host scripts of the git component. git runs on the host (never in a container), read-only:
 * `GIT_OPTIONAL_LOCKS=0` keeps `git status` from writing the index of the production checkout.
 */

const GIT_ENV = 'export GIT_OPTIONAL_LOCKS=0 GIT_TERMINAL_PROMPT=0 LC_ALL=C';

/** `tools-missing`, `no-deploy-dir`, `dubious`, `not-a-repository`, or `repository<TAB>TOPLEVEL`. */
export function probeScript(deployDir: string): string {
  return `${GIT_ENV}
if ! command -v git >/dev/null 2>&1; then echo tools-missing; exit 0; fi
if ! cd -- ${shellQuote(deployDir)} 2>/dev/null; then echo no-deploy-dir; exit 0; fi
if answer=$(git rev-parse --is-inside-work-tree 2>&1 </dev/null); then
  inside=$answer
else
  case $answer in *"dubious ownership"*) echo dubious; exit 0 ;; esac
  inside=
fi
if [ "$inside" != true ]; then echo not-a-repository; exit 0; fi
printf 'repository\\t%s\\n' "$(git rev-parse --show-toplevel)"
`;
}

/**
 * Writes `staged.patch`, `unstaged.patch` (each removed when empty) and `HEAD.tar.gz` into OUT and
 * prints `version`, `commit` or `no-commits`, `branch` or `detached`, the names of the files
 * kept, then a line `status-z` followed by `git status --porcelain=v2 --branch -z`. Any failure
 * removes OUT, so a failed component leaves nothing the manifest does not list.
 */
export function captureScript(deployDir: string, out: string): string {
  return `${GIT_ENV}
cd -- ${shellQuote(deployDir)}
out=${shellQuote(out)}
remove_out() { rm -rf -- "$out"; }
trap remove_out ERR
umask 077
mkdir -p -- "$out"
printf 'version\\t%s\\n' "$(git --version)"
if commit=$(git rev-parse --verify -q HEAD); then printf 'commit\\t%s\\n' "$commit"; else commit=; echo no-commits; fi
if branch=$(git symbolic-ref -q --short HEAD); then printf 'branch\\t%s\\n' "$branch"; else echo detached; fi
git diff --cached --binary --no-color --no-ext-diff >"$out/staged.patch"
git diff --binary --no-color --no-ext-diff >"$out/unstaged.patch"
for patch in staged unstaged; do
  if [ -s "$out/$patch.patch" ]; then printf 'kept\\t%s.patch\\n' "$patch"; else rm -f -- "$out/$patch.patch"; fi
done
if [ -n "$commit" ]; then
  git archive --format=tar HEAD | gzip -n -6 >"$out/HEAD.tar.gz"
  printf 'kept\\tHEAD.tar.gz\\n'
fi
echo status-z
git status --porcelain=v2 --branch -z --untracked-files=normal
`;
}
