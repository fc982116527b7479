#!/usr/bin/env bash
# Installs the third-party test tools some tests run against. Idempotent: does nothing for a tool already there.
# - cognito-local (npm, into .tools/, git-ignored): a Cognito emulator nobody on this project wrote;
#   dev-identity's CognitoLocalVerificationTest checks CognitoTokenVerifier against its tokens.
# - cfn-lint: AWS's CloudFormation linter; deploy/aws's CfnLintTest runs it on the template. It is a PyPI
#   package: our build machines' image ships it (cfn-lint 1.51.0 in the image's Python, PyPI itself is not
#   reachable from them); elsewhere it is installed with pip.
# - chromium and chromium-driver (Debian packages, apt-get): the real browser the console's browser tests drive
#   (stack's ConsoleBrowserTest). Needs root or sudo the first time; fails loudly when it cannot install them.
set -euo pipefail
cd "$(dirname "$0")/.."

# The test runs .tools/bin/cfn-lint, linked here to the one found (PATH, else the image's pyenv Pythons, else pip).
install_cfn_lint() {
  local cfn_lint
  cfn_lint=$(command -v cfn-lint || ls "${PYENV_ROOT:-$HOME/.pyenv}"/versions/*/bin/cfn-lint 2>/dev/null | head -1 || true)
  if [[ -z "$cfn_lint" ]]; then
    python3 -m pip install --quiet "cfn-lint==1.51.0" \
      || { echo "FATAL: cfn-lint is missing and 'pip install cfn-lint' failed (deploy/aws's CfnLintTest needs it)"; exit 1; }
    cfn_lint=$(command -v cfn-lint || python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))')/cfn-lint
    [[ -x "$cfn_lint" ]] || cfn_lint=$(python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))')/cfn-lint
  fi
  mkdir -p .tools/bin
  ln -sf "$(readlink -f "$cfn_lint")" .tools/bin/cfn-lint
  echo "$(.tools/bin/cfn-lint --version) linked as .tools/bin/cfn-lint"
}

install_cognito_local() {
  local version=5.3.0 installed
  installed=$(node -p "require('./.tools/node_modules/cognito-local/package.json').version" 2>/dev/null || true)
  if [[ "$installed" == "$version" ]]; then
    echo "cognito-local $version already installed in .tools/"
    return
  fi
  mkdir -p .tools
  npm install --prefix .tools --no-audit --no-fund "cognito-local@${version}"
  echo "cognito-local $version installed in .tools/"
}

install_chromium() {
  if [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]]; then
    echo "chromium and chromium-driver already installed ($(/usr/bin/chromedriver --version | cut -d' ' -f1-2))"
    return
  fi
  local sudo=""
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { echo "FATAL: chromium and chromium-driver are missing and there is no root or sudo to apt-get install them" >&2; exit 1; }
    sudo="sudo"
  fi
  command -v apt-get >/dev/null || { echo "FATAL: chromium and chromium-driver are missing and this machine has no apt-get; install Debian's chromium and chromium-driver" >&2; exit 1; }
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends chromium chromium-driver fonts-dejavu-core
  [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]] || { echo "FATAL: apt-get did not install /usr/bin/chromium and /usr/bin/chromedriver" >&2; exit 1; }
  echo "chromium and chromium-driver installed"
}

install_cfn_lint
install_cognito_local
install_chromium
