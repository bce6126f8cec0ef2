"""Who sees a lived experience moves from the profile (all of them, or none) to each
experience: every experience a member has takes the choice their profile made."""

from django.db import migrations, models


def carry_choice_to_each_experience(apps, schema_editor):
    MemberExperience = apps.get_model("members", "MemberExperience")
    MemberExperience.objects.filter(content_object__experiences_visibility="members").update(
        is_shown=True
    )


def bring_choice_back_to_the_profile(apps, schema_editor):
    # One choice for all again: "other members" only where every experience was shown,
    # so going back never shows something a member kept to themselves.
    Profile = apps.get_model("members", "Profile")
    MemberExperience = apps.get_model("members", "MemberExperience")
    kept = MemberExperience.objects.filter(is_shown=False).values("content_object_id")
    shown = MemberExperience.objects.filter(is_shown=True).values("content_object_id")
    Profile.objects.update(experiences_visibility="nobody")
    Profile.objects.filter(pk__in=shown).exclude(pk__in=kept).update(
        experiences_visibility="members"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0019_notification_actor_anonymous"),
    ]

    operations = [
        migrations.AddField(
            model_name="memberexperience",
            name="is_shown",
            field=models.BooleanField(
                default=False,
                help_text="Shown to signed-in members on the profile, beside the member's "
                "name and in the members list. Visitors never see it.",
                verbose_name="shown to other members",
            ),
        ),
        migrations.RunPython(carry_choice_to_each_experience, bring_choice_back_to_the_profile),
    ]
