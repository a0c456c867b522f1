"""Platform core models: people, GSEF member organisations and memberships."""

from __future__ import annotations

import zoneinfo

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower, Now
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

# Lets `email__lower=...` use the functional unique index on LOWER(email).
models.CharField.register_lookup(Lower)


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            _("“%(value)s” is not a time zone name such as Asia/Seoul or America/Mexico_City."),
            params={"value": value},
            code="invalid_time_zone",
        )


class UserQuerySet(models.QuerySet):
    def active(self) -> UserQuerySet:
        return self.filter(is_active=True)

    def with_email(self, email: str) -> UserQuerySet:
        """Users whose e-mail matches, ignoring case (uses the LOWER(email) index)."""
        return self.filter(email__lower=email.strip().lower())


class UserManager(BaseUserManager.from_queryset(UserQuerySet)):
    use_in_migrations = True

    @classmethod
    def normalize_email(cls, email: str | None) -> str:
        # One person, one address: the whole address is compared without case.
        return (email or "").strip().lower()

    def get_by_natural_key(self, username: str) -> User:
        return self.get(email__lower=self.normalize_email(username))

    def get(self, *args, **kwargs) -> User:
        """``get(pk=…)`` on this manager itself (the logged-in person, read on every
        request by ``ModelBackend.get_user``) with SQL compiled once (``lms.queries``);
        everything else, related managers included, as Django does it."""
        if type(self) is UserManager and not args and kwargs.keys() == {"pk"}:
            from lms.queries import read_by_pk

            user = read_by_pk(self, kwargs["pk"])
            if user is None:
                raise self.model.DoesNotExist("User matching query does not exist.")
            return user
        return super().get(*args, **kwargs)

    def create_user(self, email: str, password: str | None = None, **fields) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email), **fields)
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields) -> User:
        fields.setdefault("is_superuser", True)
        # Made from the command line by whoever runs the platform: nobody to send a link to.
        fields.setdefault("email_verified_at", timezone.now())
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person: learner, trainer, coordinator or secretariat staff. Logs in with e-mail."""

    # Stored lower-cased (UserManager.normalize_email); the LOWER(email) constraint
    # below also refuses case variants written past the manager.
    email = models.EmailField(_("e-mail address"), max_length=254, unique=True)
    full_name = models.CharField(
        _("full name"),
        max_length=150,
        help_text=_("As it should appear on certificates, in any script."),
    )
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="en",
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="UTC",
        validators=[validate_time_zone],
        help_text=_("An IANA time zone name, such as Asia/Seoul or America/Mexico_City."),
    )
    # Which notification kinds the person has opted out of; the reminders engine
    # reads and writes it ({"kind": false}).
    notification_preferences = models.JSONField(
        _("notification preferences"), default=dict, blank=True
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    # Set when the person proved they read the address (lms.services.user_verify_email),
    # or at creation when someone else made the account for them.
    email_verified_at = models.DateTimeField(_("e-mail address confirmed"), null=True, blank=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["full_name", "email"]
        permissions = [
            ("view_taught_course_progress", _("Can follow the learners of the courses they teach")),
        ]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="lms_user_email_ci_unique",
                violation_error_message=_("A user with this e-mail address already exists."),
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or self.email

    def clean(self) -> None:
        super().clean()
        self.email = UserManager.normalize_email(self.email)

    @property
    def is_email_verified(self) -> bool:
        return self.email_verified_at is not None

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name

    # The same tests as lms.roles (which reads lms.permissions, which reads these models).
    @cached_property
    def is_secretariat(self) -> bool:
        return self.is_active and self.has_perm("lms.view_all_organisations")

    @cached_property
    def is_trainer(self) -> bool:
        return (
            self.is_active
            and self.has_perm("lms.view_taught_course_progress")
            and not self.is_secretariat
        )


class Region(models.TextChoices):
    AFRICA = "africa", _("Africa")
    AMERICAS = "americas", _("Americas")
    ASIA_PACIFIC = "asia_pacific", _("Asia-Pacific")
    EUROPE = "europe", _("Europe")
    MIDDLE_EAST = "middle_east", _("Middle East")


class OrganisationQuerySet(models.QuerySet):
    def active(self) -> OrganisationQuerySet:
        return self.filter(is_active=True)

    def coordinated_by(self, user) -> OrganisationQuerySet:
        """Organisations in which ``user`` is an active coordinator."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            pk__in=Membership.objects.filter(
                user=user,
                role=Membership.Role.COORDINATOR,
                status=Membership.Status.ACTIVE,
            ).values("organisation_id")
        )


class Organisation(models.Model):
    """A GSEF member: a local government, an SSE network or another organisation."""

    class Kind(models.TextChoices):
        LOCAL_GOVERNMENT = "local_government", _("Local government")
        SSE_NETWORK = "sse_network", _("Social and solidarity economy network")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(
        _("short name"),
        max_length=60,
        unique=True,
        help_text=_("Used in lists and reports, e.g. “Seoul” or “RIPESS”."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    country = CountryField(_("country"))
    city = models.CharField(_("city"), max_length=120, blank=True)
    region = models.CharField(_("region"), max_length=20, choices=Region.choices)
    website = models.URLField(_("website"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    joined_on = models.DateField(_("joined GSEF on"), null=True, blank=True)
    is_active = models.BooleanField(
        _("active member"),
        default=True,
        help_text=_("Inactive members keep their history but cannot be chosen for new courses."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("member organisation")
        verbose_name_plural = _("member organisations")
        ordering = ["name"]
        permissions = [
            ("view_all_organisations", _("Can see and act for every member organisation")),
            (
                "view_organisation_progress",
                _("Can follow the learning of the organisations they coordinate"),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class MembershipQuerySet(models.QuerySet):
    def active(self) -> MembershipQuerySet:
        return self.filter(status=Membership.Status.ACTIVE)

    def coordinators(self) -> MembershipQuerySet:
        return self.filter(role=Membership.Role.COORDINATOR)


class Membership(models.Model):
    """Ties a person to a member organisation with a role in it.

    A membership is in one of four states (docs/memberships.md says the same, at length):

    - **requested**: the person asked to join (at sign-up). Nothing is attributed yet.
    - **invited**: a coordinator of the organisation (or the secretariat) invited an
      existing account. The organisation sees only "invited" and the address typed,
      until the person answers.
    - **active**: the person belongs to the organisation; their coordinators see them,
      enrol them and count their enrolments.
    - **ended**: the person left, was removed, or declined the invitation. History
      stays where it was attributed.

    Who moves it (enforced by ``lms.services``, nowhere else):

    ========================  ==========================================================
    requested → active        a coordinator of the organisation, or the secretariat
    requested → ended         a coordinator, the secretariat, or the person
    invited → active          the person only (accepting)
    invited → ended           the person (declining), a coordinator, or the secretariat
    active → ended            a coordinator, the secretariat, or the person
    ended → requested         the person, asking again
    ended → invited           a coordinator, or the secretariat
    (none) → requested        the person (sign-up)
    (none) → invited          a coordinator or the secretariat, for an existing account
    (none) → active           a coordinator or the secretariat, for an account they
                              create with the invitation (they vouch for the address)
    active → active elsewhere the secretariat only, by an explicit, logged transfer
    ========================  ==========================================================

    ``status_changed_at`` is when it entered its current state: enrolments made since
    a membership became requested or invited are attributed to the organisation when
    it becomes active (see ``courses.services.attribution``).
    """

    class Role(models.TextChoices):
        LEARNER = "learner", _("Learner")
        COORDINATOR = "coordinator", _("Coordinator")

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested by the person")
        INVITED = "invited", _("Invited, waiting for their answer")
        ACTIVE = "active", _("Active")
        ENDED = "ended", _("Ended")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    # An organisation with members is deactivated, not deleted: their history stays.
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.LEARNER)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.REQUESTED
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    # db_default too: the benchmark dataset writes memberships with COPY.
    status_changed_at = models.DateTimeField(
        _("in this state since"), default=timezone.now, db_default=Now()
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organisation__name", "user__full_name"]
        permissions = [
            ("manage_membership", _("Can invite, confirm and end the members of an organisation")),
            ("transfer_membership", _("Can move a person to another organisation")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"],
                name="lms_membership_one_per_organisation",
                violation_error_message=_("This person is already a member of this organisation."),
            ),
        ]
        indexes = [models.Index(fields=["organisation", "role", "status"])]

    def __str__(self) -> str:
        return f"{self.person_label} · {self.organisation.short_name} ({self.get_role_display()})"

    @property
    def shows_person(self) -> bool:
        """Whether the organisation may see who this is: the person asked to join, or
        belongs (or belonged) to it. An invitation not accepted shows only the address."""
        return self.status in (self.Status.REQUESTED, self.Status.ACTIVE) or (
            self.status == self.Status.ENDED and self.confirmed_at is not None
        )

    @property
    def person_label(self) -> str:
        """The person's name, or only the address typed while they have not accepted."""
        return str(self.user) if self.shows_person else self.user.email

    @property
    def email(self) -> str:
        return self.user.email


class Heartbeat(models.Model):
    """The last time a named background process proved it was alive (see lms.tasks)."""

    source = models.CharField(max_length=100, unique=True)
    seen_at = models.DateTimeField()

    class Meta:
        verbose_name = _("heartbeat")

    def __str__(self) -> str:
        return f"{self.source} @ {self.seen_at:%Y-%m-%d %H:%M:%S}"


class AccountEmail(models.Model):
    """One account e-mail (sign-up, password reset, invitation…) waiting, being sent or sent:
    the outbox row ``lms.emails.email_queue`` writes in the caller's transaction, so a broker
    outage or a lost message delays the mail instead of losing it (docs/reliability.md).

    pending → sending (committed before the SMTP conversation, Message-ID fixed at queueing)
    → sent / failed. Sent at least once: a row left ``sending`` by a crash is sent again
    with the same Message-ID, because a lost sign-up or reset link hurts more than a copy
    mail clients fold. The body holds one-time links, so it is blanked once sent or failed.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    to = models.EmailField(_("to"), max_length=254)
    subject = models.TextField(_("subject"))
    text = models.TextField(_("text"), blank=True)
    html = models.TextField(_("HTML"), blank=True)
    headers = models.JSONField(_("headers"), default=dict, blank=True)
    message_id = models.CharField(_("Message-ID"), max_length=255)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("queued at"))
    queued_at = models.DateTimeField(_("message published at"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("last attempt at"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("account e-mail")
        verbose_name_plural = _("account e-mails")
        indexes = [
            models.Index(
                fields=["status", "next_attempt_at"],
                name="lms_accountemail_to_send",
                condition=models.Q(status__in=["pending", "sending"]),
            )
        ]

    def __str__(self) -> str:
        return f"{self.to} · {self.subject[:60]} · {self.status}"
