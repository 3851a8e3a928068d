package dev.cairn.plugins.s3;

import dev.cairn.plugin.PluginException;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Turns the SDK's exceptions into one readable line: unreachable service, refused credentials, missing bucket. */
final class S3Failures {

    private S3Failures() {
    }

    /** Explains {@code e}, which happened while {@code doing} something ("cannot store s3://b/k"). */
    static PluginException explain(String doing, S3Location location, SdkException e) {
        return new PluginException(doing + ": " + reason(location, e), e);
    }

    private static String reason(S3Location location, SdkException e) {
        if (e instanceof NoSuchBucketException) {
            return "bucket " + location.bucket() + " does not exist";
        }
        if (e instanceof S3Exception s3) {
            AwsErrorDetails details = s3.awsErrorDetails();
            String code = details == null || details.errorCode() == null ? "" : details.errorCode();
            String message = details == null || details.errorMessage() == null ? firstLine(s3.getMessage()) : details.errorMessage();
            String answer = (code.isEmpty() ? "" : code + ": ") + message + " (HTTP " + s3.statusCode() + ")";
            if (s3.statusCode() == 403 || code.equals("InvalidAccessKeyId") || code.equals("SignatureDoesNotMatch")) {
                return "access denied, " + answer + "; check access_key_id, secret_access_key and the bucket's policy";
            }
            return answer;
        }
        String message = firstLine(e.getMessage());
        if (e instanceof SdkClientException && !location.hasCredentials() && message.contains("credentials")) {
            return "no AWS credentials: set access_key_id and secret_access_key, or give the server default"
                    + " credentials (environment, ~/.aws, instance role); " + message;
        }
        return message;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
