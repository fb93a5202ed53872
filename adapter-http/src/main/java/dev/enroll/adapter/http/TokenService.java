package dev.enroll.adapter.http;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.enroll.application.port.in.UnauthorizedException;
import dev.enroll.domain.InvalidValueException;
import dev.enroll.domain.user.ContributorId;
import dev.enroll.domain.user.UserId;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Issues and checks the API's access tokens: JWTs signed with HS256 under a key every instance
 * shares. A token carries the partner ({@code sub}), the partner's credential version when it was
 * issued ({@code cv}: a rotated secret revokes it), the scope and, for user scope, the user
 * ({@code uid}). Checking accepts HS256 only, whatever the token's header claims, so neither
 * {@code alg: none} nor an algorithm switch can get a forged token in.
 */
final class TokenService {

    static final String ISSUER = "enroll";
    /** Tolerance for clocks of different instances that disagree a little. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
    private static final String SCOPE_CLAIM = "scope";
    private static final String USER_CLAIM = "uid";
    private static final String CREDENTIAL_VERSION_CLAIM = "cv";

    /** What a valid token says: who calls, and under which of the partner's credential versions. */
    record Claims(Caller caller, long credentialVersion) {
    }

    private final MACSigner signer;
    private final MACVerifier verifier;
    private final Duration ttl;
    private final Clock clock;
    private final VerifiedTokens verified;

    TokenService(byte[] key, Duration ttl, Clock clock) {
        try {
            this.signer = new MACSigner(key);
            this.verifier = new MACVerifier(key);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("unusable signing key", e);
        }
        this.ttl = ttl;
        this.clock = clock;
        this.verified = new VerifiedTokens(clock);
    }

    AccessToken issue(Caller caller, long credentialVersion) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(caller.partner().value())
                .claim(CREDENTIAL_VERSION_CLAIM, credentialVersion)
                .claim(SCOPE_CLAIM, caller.scope().wireName())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .jwtID(UUID.randomUUID().toString());
        if (caller.user() != null) {
            claims.claim(USER_CLAIM, caller.user().toString());
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(),
                claims.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign an access token", e);
        }
        return new AccessToken(jwt.serialize(), ttl);
    }

    /** What a valid token says; {@link UnauthorizedException} for anything else. */
    Claims verify(String token) {
        return verified.find(token).orElseGet(() -> check(token));
    }

    private Claims check(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            // Pin the algorithm before touching the signature: the header is the attacker's to choose.
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !canonical(jwt.getSignature())
                    || !jwt.verify(verifier)) {
                throw new UnauthorizedException();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Claims checked = claimsFrom(claims);
            verified.remember(token, checked, validFrom(claims).minus(CLOCK_SKEW),
                    claims.getExpirationTime().toInstant().plus(CLOCK_SKEW));
            return checked;
        } catch (ParseException | JOSEException | InvalidValueException | IllegalArgumentException e) {
            throw new UnauthorizedException();
        }
    }

    /**
     * Whether the signature is spelt as we sign: base64url leaves filler bits in its last character
     * and tolerates padding, so other spellings of the same bytes verify too. A token is one string,
     * or a copy could pass for another token wherever tokens are told apart (the cache above, logs).
     */
    private static boolean canonical(Base64URL signature) {
        return Base64URL.encode(signature.decode()).toString().equals(signature.toString());
    }

    /** The later of the issue and not-before times: claimsFrom has checked that the first is there. */
    private static Instant validFrom(JWTClaimsSet claims) {
        Instant issued = claims.getIssueTime().toInstant();
        Date notBefore = claims.getNotBeforeTime();
        return notBefore == null || notBefore.toInstant().isBefore(issued) ? issued : notBefore.toInstant();
    }

    private Claims claimsFrom(JWTClaimsSet claims) throws ParseException {
        Instant now = clock.instant();
        Date expires = claims.getExpirationTime();
        Date issued = claims.getIssueTime();
        if (!ISSUER.equals(claims.getIssuer()) || expires == null || issued == null
                || now.isAfter(expires.toInstant().plus(CLOCK_SKEW))
                || now.isBefore(issued.toInstant().minus(CLOCK_SKEW))
                || (claims.getNotBeforeTime() != null && now.isBefore(claims.getNotBeforeTime().toInstant().minus(CLOCK_SKEW)))) {
            throw new UnauthorizedException();
        }
        Scope scope = Scope.fromWireName(claims.getStringClaim(SCOPE_CLAIM)).orElseThrow(UnauthorizedException::new);
        String user = claims.getStringClaim(USER_CLAIM);
        Long credentialVersion = claims.getLongClaim(CREDENTIAL_VERSION_CLAIM);
        if (credentialVersion == null) {
            throw new UnauthorizedException();
        }
        ContributorId partner = new ContributorId(claims.getSubject());
        return new Claims(new Caller(partner, scope, user == null ? null : UserId.parse(user)), credentialVersion);
    }
}
