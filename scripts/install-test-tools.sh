#!/usr/bin/env bash
# Installs the third-party test tools some tests run against, into .tools/ (git-ignored).
# cognito-local: a Cognito emulator nobody on this project wrote; dev-identity's
# CognitoLocalVerificationTest checks CognitoTokenVerifier against its tokens.
# cfn-lint: AWS's CloudFormation linter; deploy/aws's CfnLintTest runs it on the template. It is a PyPI
# package: our build machines' image ships it (cfn-lint 1.51.0 in the image's Python, PyPI itself is not
# reachable from them); elsewhere it is installed with pip.
# Idempotent: does nothing when the pinned version is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

# The test runs .tools/bin/cfn-lint, linked here to the one found (PATH, else the image's pyenv Pythons, else pip).
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

COGNITO_LOCAL_VERSION=5.3.0
installed=$(node -p "require('./.tools/node_modules/cognito-local/package.json').version" 2>/dev/null || true)
if [[ "$installed" == "$COGNITO_LOCAL_VERSION" ]]; then
  echo "cognito-local $COGNITO_LOCAL_VERSION already installed in .tools/"
  exit 0
fi
mkdir -p .tools
npm install --prefix .tools --no-audit --no-fund "cognito-local@${COGNITO_LOCAL_VERSION}"
echo "cognito-local $COGNITO_LOCAL_VERSION installed in .tools/"
