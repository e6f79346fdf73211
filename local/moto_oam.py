"""CloudWatch Observability Access Manager (OAM) for the local emulator: moto 5.2.1 has no such service.

Patch 20 of local/moto_compat.py (oam-sinks-and-links) registers this module as moto's "oam" service. It stores
what it is sent and returns it, in the shapes of AWS's API reference
(https://docs.aws.amazon.com/OAM/latest/APIReference/Welcome.html): sinks (one per account and region, as
CreateSink documents, and not deleted while links are attached, as DeleteSink documents), their policies, links
and tags. It enforces no sink policy, as moto enforces no policy of
any kind; make verify proves who the sink policy admits. A link's label is its template with $AccountName,
$AccountEmail and $AccountEmailNoDomain filled from the emulator's organization, as AWS fills them.
"""
import json
import sys
import types
import uuid
from urllib.parse import unquote

from moto.core.base_backend import BackendDict, BaseBackend
from moto.core.exceptions import JsonRESTError
from moto.core.responses import BaseResponse


class ResourceNotFound(JsonRESTError):
    code = 404

    def __init__(self, message):
        super().__init__("ResourceNotFoundException", message)


class Conflict(JsonRESTError):
    code = 409

    def __init__(self, message):
        super().__init__("ConflictException", message)


class OamBackend(BaseBackend):
    def __init__(self, region_name, account_id):
        super().__init__(region_name, account_id)
        self.sinks = {}  # arn -> {"Arn", "Id", "Name"}
        self.policies = {}  # sink arn -> policy string
        self.links = {}  # arn -> link fields
        self.tags = {}  # arn -> {key: value}

    def _arn(self, kind, resource_id):
        return f"arn:aws:oam:{self.region_name}:{self.account_id}:{kind}/{resource_id}"

    def create_sink(self, name, tags):
        if self.sinks:
            # "Each account can contain one sink per Region" (API_CreateSink).
            raise Conflict(f"A sink already exists in this account and Region: {next(iter(self.sinks))}")
        sink_id = str(uuid.uuid4())
        sink = {"Arn": self._arn("sink", sink_id), "Id": sink_id, "Name": name}
        self.sinks[sink["Arn"]] = sink
        self.tags[sink["Arn"]] = dict(tags or {})
        return sink

    def get_sink(self, identifier):
        return _by_arn_or_id(self.sinks, identifier, "Sink")

    def delete_sink(self, identifier):
        sink = self.get_sink(identifier)
        # "You must delete all links to a sink before you can delete that sink" (API_DeleteSink).
        attached = [
            link["Arn"]
            for by_region in oam_backends.values()
            for link in by_region[self.region_name].links.values()
            if link["SinkArn"] == sink["Arn"]
        ]
        if attached:
            raise Conflict(f"Sink {sink['Arn']} has {len(attached)} attached links; delete them first")
        self.sinks.pop(sink["Arn"])
        self.policies.pop(sink["Arn"], None)
        self.tags.pop(sink["Arn"], None)

    def put_sink_policy(self, identifier, policy):
        sink = self.get_sink(identifier)
        self.policies[sink["Arn"]] = policy
        return sink, policy

    def get_sink_policy(self, identifier):
        sink = self.get_sink(identifier)
        if sink["Arn"] not in self.policies:
            raise ResourceNotFound(f"Sink {identifier} has no policy")
        return sink, self.policies[sink["Arn"]]

    def create_link(self, label_template, resource_types, sink_identifier, link_configuration, tags):
        if _sink_anywhere(sink_identifier, self.region_name) is None:
            raise ResourceNotFound(f"Sink {sink_identifier} does not exist")
        link_id = str(uuid.uuid4())
        link = {
            "Arn": self._arn("link", link_id),
            "Id": link_id,
            "Label": _label(label_template, self.account_id),
            "LabelTemplate": label_template,
            "ResourceTypes": list(resource_types or []),
            "SinkArn": sink_identifier,
        }
        if link_configuration:
            link["LinkConfiguration"] = link_configuration
        self.links[link["Arn"]] = link
        self.tags[link["Arn"]] = dict(tags or {})
        return link

    def get_link(self, identifier):
        return _by_arn_or_id(self.links, identifier, "Link")

    def update_link(self, identifier, resource_types, link_configuration):
        link = self.get_link(identifier)
        link["ResourceTypes"] = list(resource_types or [])
        if link_configuration is not None:
            link["LinkConfiguration"] = link_configuration
        return link

    def delete_link(self, identifier):
        link = self.get_link(identifier)
        self.links.pop(link["Arn"])
        self.tags.pop(link["Arn"], None)

    def resource_tags(self, arn):
        if arn not in self.tags:
            raise ResourceNotFound(f"Resource {arn} does not exist")
        return self.tags[arn]


oam_backends = BackendDict(OamBackend, "oam")


def _by_arn_or_id(table, identifier, kind):
    """A sink or link by its ARN or its ID, as AWS's Identifier parameters accept either."""
    found = table.get(identifier) or next((r for r in table.values() if r["Id"] == identifier), None)
    if found is None:
        raise ResourceNotFound(f"{kind} {identifier} does not exist")
    return found


def _sink_anywhere(arn, region):
    """The sink an ARN names, in whichever account of the emulator holds it."""
    parts = arn.split(":")
    if len(parts) < 6 or parts[3] != region:
        return None
    return oam_backends[parts[4]][region].sinks.get(arn)


def _label(template, account_id):
    """AWS fills the label's variables from the account's organization entry."""
    name, email = account_id, ""
    try:
        from moto.organizations.models import organizations_backends

        for by_partition in organizations_backends.values():
            org = by_partition["aws"]
            for account in getattr(org, "accounts", []):
                if account.id == account_id:
                    name, email = account.name, account.email
    except Exception:  # an emulator without an organization: the account ID stands in for its name
        pass
    return (
        template.replace("$AccountEmailNoDomain", email.split("@")[0])
        .replace("$AccountEmail", email)
        .replace("$AccountName", name)
    )


class OamResponse(BaseResponse):
    def __init__(self):
        super().__init__(service_name="oam")

    @property
    def backend(self):
        return oam_backends[self.current_account][self.region]

    def _body(self):
        return json.loads(self.body) if self.body else {}

    def create_sink(self):
        body = self._body()
        sink = self.backend.create_sink(body["Name"], body.get("Tags"))
        return json.dumps({**sink, "Tags": self.backend.tags[sink["Arn"]]})

    def get_sink(self):
        sink = self.backend.get_sink(self._body()["Identifier"])
        return json.dumps({**sink, "Tags": self.backend.tags.get(sink["Arn"], {})})

    def delete_sink(self):
        self.backend.delete_sink(self._body()["Identifier"])
        return "{}"

    def list_sinks(self):
        return json.dumps({"Items": list(self.backend.sinks.values())})

    def put_sink_policy(self):
        body = self._body()
        sink, policy = self.backend.put_sink_policy(body["SinkIdentifier"], body["Policy"])
        return json.dumps({"SinkArn": sink["Arn"], "SinkId": sink["Id"], "Policy": policy})

    def get_sink_policy(self):
        sink, policy = self.backend.get_sink_policy(self._body()["SinkIdentifier"])
        return json.dumps({"SinkArn": sink["Arn"], "SinkId": sink["Id"], "Policy": policy})

    def create_link(self):
        body = self._body()
        link = self.backend.create_link(
            body["LabelTemplate"],
            body.get("ResourceTypes"),
            body["SinkIdentifier"],
            body.get("LinkConfiguration"),
            body.get("Tags"),
        )
        return json.dumps({**link, "Tags": self.backend.tags[link["Arn"]]})

    def get_link(self):
        link = self.backend.get_link(self._body()["Identifier"])
        return json.dumps({**link, "Tags": self.backend.tags.get(link["Arn"], {})})

    def update_link(self):
        body = self._body()
        link = self.backend.update_link(
            body["Identifier"], body.get("ResourceTypes"), body.get("LinkConfiguration")
        )
        return json.dumps({**link, "Tags": self.backend.tags.get(link["Arn"], {})})

    def delete_link(self):
        self.backend.delete_link(self._body()["Identifier"])
        return "{}"

    def list_links(self):
        items = [
            {k: link[k] for k in ("Arn", "Id", "Label", "ResourceTypes", "SinkArn")}
            for link in self.backend.links.values()
        ]
        return json.dumps({"Items": items})

    def list_attached_links(self):
        sink = self.backend.get_sink(self._body()["SinkIdentifier"])
        items = [
            {"Label": link["Label"], "LinkArn": link["Arn"], "ResourceTypes": link["ResourceTypes"]}
            for by_region in oam_backends.values()
            for backend in [by_region[self.region]]
            for link in backend.links.values()
            if link["SinkArn"] == sink["Arn"]
        ]
        return json.dumps({"Items": items})

    def _tagged_arn(self):
        return unquote(self.path.split("/tags/", 1)[1])

    def list_tags_for_resource(self):
        return json.dumps({"Tags": self.backend.resource_tags(self._tagged_arn())})

    def tag_resource(self):
        self.backend.resource_tags(self._tagged_arn()).update(self._body().get("Tags", {}))
        return "{}"

    def untag_resource(self):
        tags = self.backend.resource_tags(self._tagged_arn())
        for key in self.querystring.get("tagKeys", []):
            tags.pop(key, None)
        return "{}"


url_bases = [r"https?://oam\.(.+)\.amazonaws\.com"]
url_paths = {
    **{
        "{0}/" + name + "$": OamResponse.dispatch
        for name in [
            "CreateLink",
            "CreateSink",
            "DeleteLink",
            "DeleteSink",
            "GetLink",
            "GetSink",
            "GetSinkPolicy",
            "ListAttachedLinks",
            "ListLinks",
            "ListSinks",
            "PutSinkPolicy",
            "UpdateLink",
        ]
    },
    "{0}/tags/(?P<resource_arn>.+)$": OamResponse.dispatch,
}


def register():
    """Makes this module moto's "oam" service: moto finds a service's backend in moto.<name>.models and its routes
    in moto.<name>.urls, and the server picks the service from the request's signing name."""
    import moto
    from moto import backend_index
    import re

    package = types.ModuleType("moto.oam")
    models = types.ModuleType("moto.oam.models")
    urls = types.ModuleType("moto.oam.urls")
    models.oam_backends = oam_backends
    models.OamBackend = OamBackend
    urls.url_bases = url_bases
    urls.url_paths = url_paths
    package.models, package.urls, package.oam_backends = models, urls, oam_backends
    OamBackend.__module__ = "moto.oam.models"
    sys.modules.update({"moto.oam": package, "moto.oam.models": models, "moto.oam.urls": urls})
    moto.oam = package
    backend_index.backend_url_patterns.append(("oam", re.compile(r"https?://oam\.(.+)\.amazonaws\.com")))
