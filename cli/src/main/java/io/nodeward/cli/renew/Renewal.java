package io.nodeward.cli.renew;

import io.nodeward.cli.pki.CertificateFacts;

/** What the daemon needs of a renewal: the certificate on disk now, and renewing it once (failures are thrown). */
public interface Renewal {

  CertificateFacts current();

  Renewed renew();
}
