// A compatibility library for Debian's CivetWeb 1.15 under OpenSSL 3.
//
// CivetWeb 1.15 is built against the OpenSSL 1.1 API and loads libssl at
// run time by dlopen("libssl.so") and dlsym. OpenSSL 3 no longer exports
// SSL_get_peer_certificate (it became a macro for SSL_get1_peer_certificate),
// so CivetWeb's pointer to it is null and every TLS connection crashes the
// server right after the handshake. This library is named libssl.so, needs
// the real libssl.so.3 (so dlsym finds every other symbol there) and adds
// the one missing function. sharetraild finds it first through its DT_RPATH
// (CMakeLists.txt). It includes no OpenSSL header and does no cryptography.
extern "C" {

void* SSL_get1_peer_certificate(const void* ssl);

// OpenSSL 1.1's SSL_get_peer_certificate also took a reference the caller
// frees, so forwarding to get1 keeps CivetWeb's X509_free balanced.
__attribute__((visibility("default"))) void* SSL_get_peer_certificate(const void* ssl) {
  return SSL_get1_peer_certificate(ssl);
}

}  // extern "C"
